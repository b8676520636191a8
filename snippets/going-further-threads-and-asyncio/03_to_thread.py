import asyncio
import threading
import time


def blocking_io(name):
    print(f"{name}: blocking in {threading.current_thread().name}")
    time.sleep(1)  # stands for a library call that has no async version
    return f"{name} result"


async def ticker():
    for i in range(3):
        print(f"tick {i} in {threading.current_thread().name}")
        await asyncio.sleep(0.4)


async def main():
    start = time.perf_counter()
    result, _ = await asyncio.gather(asyncio.to_thread(blocking_io, "read"), ticker())
    print(f"{result!r} after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
