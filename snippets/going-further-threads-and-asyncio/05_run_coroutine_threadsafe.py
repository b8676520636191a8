import asyncio
import threading


async def lookup(key):
    await asyncio.sleep(0.1)
    return key.upper()


def start_loop():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="loop-thread")
    thread.start()
    return loop, thread


loop, thread = start_loop()
future = asyncio.run_coroutine_threadsafe(lookup("ok"), loop)  # (1)!
print("From the main thread:", future.result(timeout=5))
loop.call_soon_threadsafe(loop.stop)  # (2)!
thread.join()
loop.close()
