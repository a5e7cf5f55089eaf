# live.mk: filled by its test area
