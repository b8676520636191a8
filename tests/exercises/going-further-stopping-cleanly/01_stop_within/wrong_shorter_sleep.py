import threading
import time

running = True


def worker():
    beat = 0
    while running:
        beat += 1
        print(f"worker: beat {beat}")
        for _ in range(10):  # "fixed": look at the flag 20 times a second
            time.sleep(0.05)
            if not running:
                break
    print("worker: stopped")


thread = threading.Thread(target=worker, name="worker")
thread.start()
time.sleep(1.25)
print("main: stop requested")
running = False
thread.join()
print("main: done")
