import threading
import time

stop = threading.Event()


def heartbeat():
    beats = 0
    while not stop.is_set():  # (1)!
        beats += 1
        stop.wait(0.1)  # (2)!
    print(f"Worker: stop requested after {beats} beats, cleaning up")


worker = threading.Thread(target=heartbeat)
worker.start()
time.sleep(0.35)
print("Main: asking the worker to stop")
stop.set()  # (3)!
worker.join()
print(f"Main: worker alive? {worker.is_alive()}")
