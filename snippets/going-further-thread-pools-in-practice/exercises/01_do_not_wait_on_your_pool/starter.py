from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(max_workers=2)


def square(n):
    return n * n


def sum_of_squares(numbers):
    parts = [pool.submit(square, n) for n in numbers]
    return sum(part.result() for part in parts)


jobs = [pool.submit(sum_of_squares, numbers) for numbers in ([1, 2, 3], [4, 5])]
print(f"Sums: {[job.result() for job in jobs]}")
pool.shutdown()
