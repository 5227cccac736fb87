//! Unit tests of the report's input aggregation. Whole reports from fixture folders and
//! the report in a headless browser are integration tests (tests/report.rs,
//! tests/browser.rs).

use super::input;

#[test]
fn typical_run_is_closest_to_the_median_with_ties_to_the_lowest_run() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir_all(&a).unwrap();
    // attacks 10, 30, 20, 40, 20 → median 20: runs 2 and 4 tie, run 2 wins.
    std::fs::write(
        a.join("runs.csv"),
        "scenario,point,run,seed,attacks\nx,0,0,1,10\nx,0,1,1,30\nx,0,4,1,20\nx,0,3,1,40\nx,0,2,1,20\n",
    )
    .unwrap();
    let f = input::read_folder(&a).unwrap();
    let (point, run, why) = input::typical_run(&f.runs);
    assert_eq!((point, run), (0, 2));
    assert!(why.contains("20 cyber operations"), "{why}");
}
