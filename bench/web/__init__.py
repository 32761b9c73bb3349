"""Web load benchmark: the product's production processes against a bare Django + DRF app,
side by side, driven by the same request mix (`python -m bench.web`)."""
