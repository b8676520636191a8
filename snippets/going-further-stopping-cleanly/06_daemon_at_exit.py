import threading
import time

started = threading.Event()


def background():
    started.set()
    try:
        time.sleep(10)
    finally:
        print("Daemon: cleanup")  # (1)!


threading.Thread(target=background, daemon=True).start()
started.wait()
print("Main: exiting, the daemon thread is still asleep")
