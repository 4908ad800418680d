package vn.tdkt.hub.store;

import java.sql.SQLException;

/** A database failure. Transient by nature: the routes retry the whole batch and never skip it. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
