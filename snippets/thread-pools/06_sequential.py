import time


def task(n):
    time.sleep(0.2)  # 2 s in the pool example; scaled down here
    return n


start = time.perf_counter()
results = list(map(task, range(10)))  # (1)!
print(f"Results: {results}")
print(f"All tasks completed in {time.perf_counter() - start:.1f} s.")
