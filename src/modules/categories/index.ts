export { CategoryTree, createCategory, loadCategoryTree, type Category, type NewCategory } from './categories.service.js';
