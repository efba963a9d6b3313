export { installDemoSite } from './demo.seed.js';
