/** Runs once before all test files: says in one line what the suite leaves out here. */
export default function announceSkips(): void {
  if (!process.env.TEST_DATABASE_URL) {
    console.log('Bỏ qua PostgreSQL: đặt TEST_DATABASE_URL=postgres://… để chạy kiểm thử tích hợp trên cả PostgreSQL.');
  }
}
