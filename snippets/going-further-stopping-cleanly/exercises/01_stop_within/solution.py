import threading
import time

stop = threading.Event()


def worker():
    beat = 0
    while not stop.is_set():
        beat += 1
        print(f"worker: beat {beat}")
        stop.wait(0.5)  # two beats a second, but wakes up at once on stop.set()
    print("worker: stopped")


thread = threading.Thread(target=worker, name="worker")
thread.start()
time.sleep(1.25)
print("main: stop requested")
stop.set()
thread.join()
print("main: done")
