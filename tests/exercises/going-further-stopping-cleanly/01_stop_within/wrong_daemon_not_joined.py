import threading
import time

running = True


def worker():
    beat = 0
    while running:
        beat += 1
        print(f"worker: beat {beat}")
        time.sleep(0.5)  # two beats a second
    print("worker: stopped")


thread = threading.Thread(target=worker, name="worker", daemon=True)
thread.start()
time.sleep(1.25)
print("main: stop requested")
running = False  # a daemon: no join, it just dies at exit
print("main: done")
