package io.firelake.producer.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small shop: products in categories with prices, and the things people search for. Built from the seed. */
final class Catalogue {

    static final String SHOP = "https://shop.example.com";
    static final List<String> CATEGORIES = List.of("shoes", "jackets", "bags", "watches", "headphones", "lamps",
            "books", "kitchen");
    static final List<String> SEARCHES = List.of("running shoes", "rain jacket", "leather bag", "smart watch",
            "noise cancelling headphones", "desk lamp", "cookbook", "espresso machine", "winter boots",
            "backpack", "wireless earbuds", "gift ideas", "sale", "kids shoes", "travel mug");

    record Product(String id, String category, BigDecimal price, String slug) {
        String url() {
            return SHOP + "/p/" + slug + "-" + id;
        }
    }

    private final List<Product> products;

    Catalogue(Random random, int size) {
        List<Product> list = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            // Prices cluster low with a long tail, as in most shops.
            double base = 5 + Math.exp(random.nextDouble() * Math.log(400));
            BigDecimal price = BigDecimal.valueOf(Math.floor(base) + 0.99).setScale(2, RoundingMode.HALF_UP);
            list.add(new Product(String.format("P%05d", i), category, price, category + "-" + i));
        }
        this.products = List.copyOf(list);
    }

    /** Popularity follows a Zipf-like curve: a few products get most views. */
    Product pick(Random random) {
        double u = random.nextDouble();
        int index = (int) Math.floor(Math.pow(u, 2.5) * products.size());
        return products.get(Math.min(index, products.size() - 1));
    }

    Product inCategory(Random random, String category) {
        for (int tries = 0; tries < 20; tries++) {
            Product product = pick(random);
            if (product.category().equals(category)) {
                return product;
            }
        }
        return pick(random);
    }

    static String search(Random random) {
        return SEARCHES.get(random.nextInt(SEARCHES.size()));
    }
}
