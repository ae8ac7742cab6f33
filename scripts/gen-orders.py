#!/usr/bin/env python3
"""Writes invented customers.csv, products.csv and orders.csv (N order lines) for benchmarks.
Deterministic (seed 7). No real person: ids and e-mails are synthetic."""
import random, sys, os
out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
customers = max(1000, n // 10)
products = 2000
with open(os.path.join(out, "customers.csv"), "w") as f:
    f.write("customer_id,first_name,last_name,email,postal_code,country,created_at\n")
    for i in range(customers):
        f.write(f"C{i},Vorname{i % 997},Nachname{i % 1009},kunde{i}@example.de,{10000 + i % 89999},DE,2023-0{1 + i % 9}-1{i % 10}\n")
with open(os.path.join(out, "products.csv"), "w") as f:
    f.write("product_id;name;category;price;currency\n")
    for i in range(products):
        f.write(f"P{i};Artikel {i};Kategorie {i % 20};{1 + i % 90},{i % 100:02d};EUR\n")
with open(os.path.join(out, "orders.csv"), "w") as f:
    f.write("order_id,line,customer_id,product_id,quantity,unit_price,currency,ordered_at\n")
    order, line = 0, 0
    for i in range(n):
        if line == 0 or rnd.random() < 0.4:
            order += 1; line = 0; cust = rnd.randrange(customers)
            day = f"2025-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d} {rnd.randrange(24):02d}:{rnd.randrange(60):02d}"
        line += 1
        f.write(f"O{order},{line},C{cust},P{rnd.randrange(products)},{rnd.choice([1,1,1,2,3,-1])},{1 + rnd.randrange(90)}.{rnd.randrange(100):02d},EUR,{day}\n")
