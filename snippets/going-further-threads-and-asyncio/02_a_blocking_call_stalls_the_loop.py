import asyncio
import time


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0.5)


async def blocking_step():
    print("blocking: time.sleep(1.5) without await")
    time.sleep(1.5)  # (1)!
    print("blocking: done")


async def main():
    start = time.perf_counter()
    await asyncio.gather(ticker(), blocking_step())
    print(f"Finished in {time.perf_counter() - start:.1f} s")


asyncio.run(main())
