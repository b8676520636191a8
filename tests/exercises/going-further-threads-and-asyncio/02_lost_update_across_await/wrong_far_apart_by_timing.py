import asyncio

seats = 5  # left for the concert
sold = []  # who got one


async def pay(name):
    """Stands in for the payment service: its answer takes about 0.2 s."""
    await asyncio.sleep(0.2)


async def buy(name, turn):
    global seats
    await asyncio.sleep(1.0 * turn)  # far enough apart never to meet
    left = seats
    if left == 0:
        print(f"{name}: sold out")
        return
    await pay(name)
    seats = left - 1
    sold.append(name)
    print(f"{name}: got a seat")


async def main():
    await asyncio.gather(*(buy(f"fan {n}", n) for n in range(1, 9)))
    print(f"{len(sold)} seats sold, {seats} left")


asyncio.run(main())
