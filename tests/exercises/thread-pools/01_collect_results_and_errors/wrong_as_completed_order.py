import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def parse(text):
    time.sleep(0.1 * len(text))  # longer texts take longer
    return int(text)


inputs = ["10", "2", "x", "400", "y"]
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = {pool.submit(parse, text): text for text in inputs}
    for future in as_completed(futures):
        text = futures[future]
        try:
            print(f"{text} -> {future.result()}")
        except ValueError as error:
            print(f"{text} -> error: {type(error).__name__}")
print("done")
