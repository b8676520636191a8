import threading
import time


def background_task():
    while True:  # (1)!
        print("Running background task")
        time.sleep(2)


t = threading.Thread(target=background_task, daemon=True)  # (2)!
t.start()

time.sleep(5)  # (3)!
print("Main thread exiting")
