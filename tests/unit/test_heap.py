"""The C heap settings: harmless to call, whatever the platform's allocator."""

from reader.tui import heap


def test_limiting_arenas_and_trimming_do_not_fail():
    heap.limit_arenas()
    heap.limit_arenas()  # the app may be built more than once in a process (tests)
    heap.trim()


def test_no_glibc_no_calls(monkeypatch):
    monkeypatch.setattr(heap.sys, "platform", "darwin")
    heap._glibc.cache_clear()
    try:
        assert heap._glibc() is None
        heap.limit_arenas()
        heap.trim()
    finally:
        heap._glibc.cache_clear()
