def speedup(sequential, parallel):
    """How many times faster `parallel` ran, from several rounds of each."""
    return min(sequential) / min(parallel)


# Five rounds each, in seconds; one sequential round hit a busy moment.
sequential = [2.0, 2.1, 2.0, 9.5, 1.9]
threads = [0.5, 0.6, 0.5, 0.5, 0.4]
print(f"Threads: {speedup(sequential, threads):.1f}x faster")
