import signal
import threading
import time

stop = threading.Event()


def worker():
    while not stop.is_set():  # (1)!
        time.sleep(0.05)  # one small piece of work
    print("Worker: stop requested, cleaning up")


t = threading.Thread(target=worker, name="worker")
t.start()
waited = 0
try:
    while t.is_alive():
        t.join(timeout=0.1)  # (2)!
        waited += 1
        if waited == 3:
            signal.raise_signal(signal.SIGINT)  # Ctrl+C, pressed here
except KeyboardInterrupt:
    print("Main: Ctrl+C, asking the worker to stop")
    stop.set()  # (3)!
    t.join()
print(f"Main: worker alive? {t.is_alive()}")
