import threading
import time

slots = threading.BoundedSemaphore(2)  # (1)!
counter_lock = threading.Lock()
running = 0
most_at_once = 0


def download(n):
    global running, most_at_once
    with slots:  # (2)!
        with counter_lock:
            running += 1
            most_at_once = max(most_at_once, running)
        time.sleep(0.1)  # the download itself
        with counter_lock:
            running -= 1


start = time.perf_counter()
threads = [threading.Thread(target=download, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"6 downloads of 0.1 s finished in {time.perf_counter() - start:.2f} s")
print(f"Never more than 2 at once: {most_at_once <= 2}")
