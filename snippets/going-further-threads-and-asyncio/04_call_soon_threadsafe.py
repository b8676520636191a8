import asyncio
import threading
import time


def worker(loop, queue):
    for n in range(3):
        time.sleep(0.2)  # some blocking work in a thread of its own
        loop.call_soon_threadsafe(queue.put_nowait, n * n)  # (1)!
    loop.call_soon_threadsafe(queue.put_nowait, None)


async def main():
    queue = asyncio.Queue()
    loop = asyncio.get_running_loop()
    thread = threading.Thread(target=worker, args=(loop, queue))
    thread.start()
    while (item := await queue.get()) is not None:
        print("The loop received", item)
    thread.join()


asyncio.run(main())
