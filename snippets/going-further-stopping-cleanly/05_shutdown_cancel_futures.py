import signal
import time
from concurrent.futures import ThreadPoolExecutor


def job(n):
    time.sleep(0.3)
    return n


pool = ThreadPoolExecutor(max_workers=2)
futures = [pool.submit(job, n) for n in range(6)]
try:
    time.sleep(0.1)  # two jobs running, four waiting in the queue
    signal.raise_signal(signal.SIGINT)  # Ctrl+C, pressed here
    for future in futures:
        future.result()
except KeyboardInterrupt:
    print("Ctrl+C: cancelling the jobs that have not started")
    pool.shutdown(wait=True, cancel_futures=True)  # (1)!
finished = [f.result() for f in futures if not f.cancelled()]
cancelled = sum(f.cancelled() for f in futures)
print(f"Finished: {finished}; cancelled: {cancelled}")
