import threading
import time

start = time.perf_counter()
threads = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(3)]  # (1)!
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"3 sleeps of 0.2 s in 3 threads: {time.perf_counter() - start:.1f} s")  # (2)!
