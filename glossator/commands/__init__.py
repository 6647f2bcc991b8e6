"""One module per command group; each exposes a click command or group named ``command``."""
