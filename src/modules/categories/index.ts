export {
  CategoryInUseError,
  CategorySlugTakenError,
  CategoryTree,
  createCategory,
  loadCategoryTree,
  moveCategory,
  removeEmptyCategory,
  shiftCategory,
  updateCategoryName,
  type Category,
  type CategoryMove,
  type CategoryRenaming,
  type NewCategory,
} from './categories.service.js';
export { addCategory, deleteCategory, listCategoriesForStaff, listCategoriesToManage, MAX_CATEGORY_NAME_LENGTH, MAX_CATEGORY_SLUG_LENGTH, moveCategoryAsStaff, renameCategory, reorderCategory } from './categories.staff.js';
export { CategoryNotFoundError, CategoryPathTakenError, CategorySlugReservedError } from './categories.errors.js';
