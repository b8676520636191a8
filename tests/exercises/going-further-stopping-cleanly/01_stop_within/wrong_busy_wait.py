import threading
import time

running = True


def worker():
    beat = 0
    while running:
        beat += 1
        print(f"worker: beat {beat}")
        started = time.monotonic()
        while running and time.monotonic() - started < 0.5:  # "fixed": spin
            pass
    print("worker: stopped")


thread = threading.Thread(target=worker, name="worker")
thread.start()
time.sleep(1.25)
print("main: stop requested")
running = False
thread.join()
print("main: done")
