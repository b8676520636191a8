import time


def task(name, delay):
    for i in range(5):
        print(f"Task {name}: iteration {i}")
        time.sleep(delay)  # simulate waiting for I/O


start = time.perf_counter()
task("A", 1)
task("B", 1.5)
print(f"Both tasks completed in {time.perf_counter() - start:.1f} s.")
