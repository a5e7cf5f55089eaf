# parse.mk: filled by its test area
