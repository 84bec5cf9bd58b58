export { startShop, type StartShopOptions, type Shop } from './shop-server';
export { DEMO_PRODUCT, type Product } from './product';
