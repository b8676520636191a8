import queue
import threading
import time

WORKERS = 3
STOP = object()
jobs = queue.Queue()
results = []


def worker():
    while True:
        item = jobs.get()
        jobs.task_done()
        if item is STOP:
            return
        time.sleep(0.1)  # the work takes a while
        results.append(item * item)


threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
for t in threads:
    t.start()
for n in range(6):
    jobs.put(n)
jobs.join()  # wait until every item put so far is processed
print(f"Squares: {sorted(results)}")

for _ in threads:
    jobs.put(STOP)
for t in threads:
    t.join()
print("workers stopped")
