# model.mk: filled by its test area
