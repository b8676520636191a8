import threading
import time


def task(name, delay):
    for i in range(5):
        print(f"Task {name}: iteration {i}")
        time.sleep(delay)  # simulate waiting for I/O


start = time.perf_counter()
t1 = threading.Thread(target=task, args=("A", 1))
t2 = threading.Thread(target=task, args=("B", 1.5))

t1.start()
t2.start()

t1.join()
t2.join()

print(f"Both tasks completed in {time.perf_counter() - start:.1f} s.")
