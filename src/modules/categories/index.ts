export { CategoryTree, createCategory, loadCategoryTree, moveCategory, type Category, type CategoryMove, type NewCategory } from './categories.service.js';
export { addCategory, listCategoriesForStaff } from './categories.staff.js';
export { CategoryNotFoundError, CategoryPathTakenError, CategorySlugReservedError } from './categories.errors.js';
