import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector. Scoring and the bulk insert allocate a few
    hundred thousand small acyclic objects, and the collector kept rescanning them: it
    doubled the run time of a 700-company conference. Reference counting still frees
    everything; nothing here forms cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
