import time
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    time.sleep(0.1 * len(text))  # longer texts take longer
    return int(text)


inputs = ["10", "2", "x", "400", "y"]
with ThreadPoolExecutor(max_workers=2) as pool:
    results = pool.map(parse, inputs)
print("done")
