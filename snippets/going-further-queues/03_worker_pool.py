import queue
import threading

WORKERS = 3
TASKS = 10
STOP = object()  # (1)!
tasks = queue.Queue()
results = queue.Queue()


def worker():
    while True:
        item = tasks.get()
        try:
            if item is STOP:
                return
            results.put(item * item)
        finally:
            tasks.task_done()  # (2)!


threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
for t in threads:
    t.start()

for n in range(TASKS):
    tasks.put(n)
tasks.join()  # (3)!
print(f"Squares: {sorted(results.get() for _ in range(TASKS))}")  # (5)!

for _ in threads:
    tasks.put(STOP)  # (4)!
for t in threads:
    t.join()
print(f"{WORKERS} workers stopped")
