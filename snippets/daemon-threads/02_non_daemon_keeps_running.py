import threading
import time


def finite_task():
    for i in range(3):
        time.sleep(0.5)
        print(f"Worker: step {i}")
    print("Worker: done")


t = threading.Thread(target=finite_task)  # daemon=False, the default
t.start()

print("Main thread: reached the end of the program")  # (1)!
