import threading
import time

slots = threading.Semaphore(2)  # (1)!
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


threads = [threading.Thread(target=download, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("6 downloads finished")
print(f"Never more than 2 at once: {most_at_once <= 2}")
