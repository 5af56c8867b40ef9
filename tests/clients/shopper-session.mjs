// The calls both Node clients make: one identify and three commerce tracks, with message ids the test
// knows, so it can assert exactly these are stored.
export function shopperSession(userId) {
  return [
    { method: 'identify', message: { userId, messageId: `${userId}-identify`, traits: { email: `${userId}@shop.example`, first_name: 'Ada' } } },
    { method: 'track', message: { userId, messageId: `${userId}-viewed`, event: 'Product Viewed', properties: { product_id: 'sku-1', price: 19.5 } } },
    { method: 'track', message: { userId, messageId: `${userId}-added`, event: 'Product Added', properties: { product_id: 'sku-1', price: 19.5, quantity: 2, currency: 'EUR' } } },
    { method: 'track', message: { userId, messageId: `${userId}-checkout`, event: 'Checkout Started', properties: { revenue: 39, currency: 'EUR' } } },
  ];
}
