import asyncio
import time


async def fetch(name, seconds):
    print(f"{name}: waiting {seconds} s")
    await asyncio.sleep(seconds)  # (1)!
    print(f"{name}: done")
    return name


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(fetch("A", 1), fetch("B", 1.5))  # (2)!
    print(f"{results} in {time.perf_counter() - start:.1f} s, one thread")


asyncio.run(main())
