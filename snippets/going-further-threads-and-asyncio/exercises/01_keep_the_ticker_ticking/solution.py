import asyncio


async def backoff(attempt):
    """Wait before trying again: 0.2 s, then 0.4 s, then 0.8 s."""
    await asyncio.sleep(0.2 * 2**attempt)


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
