import hashlib
import threading
import time

data = bytes(32 * 1024 * 1024)  # 32 MiB of zeros


def digest():
    hashlib.sha256(data).hexdigest()  # (1)!


start = time.perf_counter()
digest()
digest()
print(f"2 digests, one after the other: {time.perf_counter() - start:.2f} s")

start = time.perf_counter()
threads = [threading.Thread(target=digest) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"2 digests in 2 threads:         {time.perf_counter() - start:.2f} s")  # (2)!
