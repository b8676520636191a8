import asyncio
import time


async def backoff(attempt):
    """Wait before trying again: 0.2 s, then 0.4 s, then 0.8 s."""
    for _ in range(2**attempt * 4):
        time.sleep(0.05)  # short enough not to be noticed?
        await asyncio.sleep(0)


async def fetch(name, failures):
    for attempt in range(failures):
        print(f"{name}: attempt {attempt + 1} failed, retrying")
        await backoff(attempt)
    print(f"{name}: done")


async def ticker():
    while True:
        print("tick")
        await asyncio.sleep(0.25)


async def main():
    ticks = asyncio.create_task(ticker())
    await asyncio.gather(fetch("A", 3), fetch("B", 2))
    ticks.cancel()


asyncio.run(main())
