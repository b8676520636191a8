import queue
import threading

WORKERS = 3
TASKS = 10
STOP = object()  # only used where Queue.shutdown() is missing
tasks = queue.Queue()
results = queue.Queue()

try:
    from queue import ShutDown  # (1)!
except ImportError:  # Python 3.10-3.12

    class ShutDown(Exception):
        pass


def worker():
    while True:
        try:
            item = tasks.get()
        except ShutDown:  # (2)!
            return
        if item is STOP:
            return
        results.put(item * item)


def close(q, readers):
    if hasattr(q, "shutdown"):
        q.shutdown()  # (3)!
    else:
        for _ in range(readers):
            q.put(STOP)  # (4)!


threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
for t in threads:
    t.start()
for n in range(TASKS):
    tasks.put(n)
close(tasks, WORKERS)
for t in threads:
    t.join()

print(f"Squares: {sorted(results.get() for _ in range(TASKS))}")  # (5)!
print(f"{WORKERS} workers stopped")
