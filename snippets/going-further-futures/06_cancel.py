import threading
from concurrent.futures import ThreadPoolExecutor

started = threading.Event()
release = threading.Event()


def slow(n):
    started.set()
    release.wait()
    return n


with ThreadPoolExecutor(max_workers=1) as pool:  # (1)!
    running = pool.submit(slow, 1)
    queued = pool.submit(slow, 2)
    started.wait()  # make sure the first task is running

    print(f"Cancel the running task: {running.cancel()}")  # (2)!
    print(f"Cancel the queued task:  {queued.cancel()}")
    print(f"Queued task cancelled:   {queued.cancelled()}")
    release.set()

print(f"Running task's result:   {running.result()}")
