use diesel::prelude::*;
use diesel::sql_types::Text;

#[derive(QueryableByName, Debug)]
struct Opt {
    #[diesel(sql_type = Text)]
    compile_options: String,
}

fn main() {
    let mut c = diesel::sqlite::SqliteConnection::establish(":memory:").unwrap();
    let opts: Vec<Opt> = diesel::sql_query("PRAGMA compile_options").load(&mut c).unwrap();
    for o in opts {
        println!("{}", o.compile_options);
    }
}
