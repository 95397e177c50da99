"""Ctrl-C during a long call: the call stops promptly with KeyboardInterrupt, and the module
keeps working afterwards (the stop request does not outlive the call)."""

import _thread
import threading
import time

import numpy as np
import pytest

import saker


def random_edge_index(n, m, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(2, m), dtype=np.int64)


def test_keyboard_interrupt_stops_a_long_count_and_later_calls_work():
    # Vertex-induced 6-cycles on 3,000 vertices of average degree ~100: hours of enumeration.
    edge_index = random_edge_index(3_000, 150_000, seed=1)
    timer = threading.Timer(0.5, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            saker.count(edge_index, "cycle:6", induced=True)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 10, "the call did not stop promptly"
    triangle = np.array([[0, 1, 2], [1, 2, 0]], dtype=np.int64)
    assert saker.count(triangle, "triangle") == 1
