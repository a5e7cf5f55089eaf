# cli.mk: filled by its test area
