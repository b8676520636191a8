import threading
import time


def task(name, delay):
    for i in range(5):
        print(f"Task {name}: iteration {i}")
        time.sleep(delay)  # simulate waiting for I/O


t1 = threading.Thread(target=task, args=("A", 1))
t2 = threading.Thread(target=task, args=("B", 1.5))

t1.start()
t2.start()

t1.join()
t2.join()

print("Both tasks completed.")
