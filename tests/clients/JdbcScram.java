// JdbcScram.java: the PostgreSQL JDBC driver through cutoverd, for tests/integration/test_scram.py.
// Run as a single-file source program (Java 11+), with the driver on the class path:
//
//   java -cp /usr/share/java/postgresql.jar JdbcScram.java HOST PORT DATABASE CAFILE USER PASSWORD [WRONG]
//
// Connects over TLS (sslmode=verify-full against CAFILE), prints "user=<current_user> ssl=<t|f>",
// then, with WRONG, tries that password and prints "error=<SQLSTATE> <message>". Exit 0 when
// every step ran (the test judges what was printed), 1 on anything unexpected.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public class JdbcScram {
    static Connection connect(String[] a, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", a[4]);
        p.setProperty("password", password);
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", a[3]);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + a[0] + ":" + a[1] + "/" + a[2], p);
    }

    public static void main(String[] a) throws Exception {
        try (Connection c = connect(a, a[5]); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                 "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            r.next();
            System.out.println("user=" + r.getString(1) + " ssl=" + (r.getBoolean(2) ? "t" : "f"));
        }
        if (a.length > 6) {
            try (Connection c = connect(a, a[6])) {
                System.out.println("error=none");
            } catch (SQLException e) {
                System.out.println("error=" + e.getSQLState() + " " + e.getMessage());
            }
        }
    }
}
